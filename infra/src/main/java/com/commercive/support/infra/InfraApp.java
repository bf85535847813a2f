package com.commercive.support.infra;

import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: {@code cdk deploy} runs it (see cdk.json), and the build runs it to leave the
 * synthesized templates in {@code infra/target/cdk.out}.
 */
public final class InfraApp {
  private InfraApp() {}

  public static void main(String[] args) {
    String outdir = System.getProperty("cdk.outdir");
    App app = outdir == null ? new App() : new App(AppProps.builder().outdir(outdir).build());
    InfraConfig config = InfraConfig.from(app.getNode());
    new SupportStack(app, "CommerciveSupport-" + config.stage(),
        StackProps.builder()
            .env(Environment.builder()
                .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                .region(System.getenv("CDK_DEFAULT_REGION"))
                .build())
            .description("Commercive Support: the help desk back end (" + config.stage() + ")")
            .build(),
        config,
        Path.of(System.getProperty("functions.dir", "..")),
        System.getProperty("project.version", "1.0.0-SNAPSHOT"));
    app.synth();
  }
}
