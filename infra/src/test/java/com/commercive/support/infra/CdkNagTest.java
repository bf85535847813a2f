package com.commercive.support.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * cdk-nag's AwsSolutions rules over the stack: every finding is either fixed in the stack or
 * suppressed there with a written reason (see {@code SupportStack.nagSuppressions}).
 */
class CdkNagTest {
  @ParameterizedTest(name = "malwareScan={0}")
  @ValueSource(strings = {"false", "true"})
  void theStackPassesTheAwsSolutionsRules(String malwareScan) {
    App app = new App(AppProps.builder().context(Map.of("stage", "test", "aiProvider", "bedrock",
        "allowedOrigins", "https://app.commercive.com", "alarmEmail", "ops@commercive.com",
        "malwareScan", malwareScan,
        // With replies by email on the second time: the receipt rule, its topic and key, the reply key.
        "inboundEmailDomain", Boolean.parseBoolean(malwareScan) ? "support.commercive.com" : "")).build());
    SupportStack stack = new SupportStack(app, "Nagged",
        StackProps.builder().env(Environment.builder().account("123456789012").region("us-east-1").build()).build(),
        InfraConfig.from(app.getNode()), Path.of(System.getProperty("functions.dir", "..")),
        System.getProperty("project.version", "1.0.0-SNAPSHOT"));
    Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
    app.synth();

    List<SynthesisMessage> errors = Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
    List<SynthesisMessage> warnings = Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
    errors.forEach(e -> System.out.println("cdk-nag error: " + e.getId() + " " + e.getEntry().getData()));
    warnings.forEach(w -> System.out.println("cdk-nag warning: " + w.getId() + " " + w.getEntry().getData()));
    assertThat(errors).as("AwsSolutions errors").isEmpty();
    assertThat(warnings).as("AwsSolutions warnings").isEmpty();
  }
}
