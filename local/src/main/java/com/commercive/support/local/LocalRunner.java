package com.commercive.support.local;

import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar local/target/commercive-support-local.jar}: starts the whole system on this
 * machine and prints where everything listens, with a token for each demo user.
 */
public final class LocalRunner {
  private LocalRunner() {}

  public static void main(String[] args) throws InterruptedException {
    // DynamoDB Local and friends log through log4j; keep their chatter out of the console.
    System.setProperty("log4j2.configurationFile", "log4j2-local.xml");
    LocalSystem system;
    try {
      system = LocalSystem.start(LocalSystem.Settings.fromEnvironment(System.getenv()));
    } catch (PortInUseException | IllegalArgumentException e) {
      // Something the user can fix (a taken port, a bad setting): say what, no stack trace.
      System.err.println("Commercive Support could not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("Stopping Commercive Support…");
                  system.close();
                  stopped.countDown();
                },
                "local-shutdown"));
    System.out.println(banner(system));
    stopped.await();
  }

  static String banner(LocalSystem system) {
    String api = system.apiUrl().toString();
    String userToken = system.tokenFor("demo-user");
    StringBuilder out = new StringBuilder();
    out.append("\nCommercive Support is running locally.\n\n");
    out.append("  API            ").append(api).append("/support  (OpenAPI: ")
        .append(api).append("/support/openapi.json)\n");
    out.append("  DynamoDB Local ").append(system.dynamoDbEndpoint())
        .append("  (shared database: any region and credentials see the same tables)\n");
    out.append("  SQS (ElasticMQ) ").append(system.sqsEndpoint()).append("  queues: ")
        .append(String.join(", ",
            com.commercive.support.resources.SupportQueues.AI_JOBS.name(com.commercive.support.resources.SupportQueues.LOCAL_PREFIX),
            com.commercive.support.resources.SupportQueues.NOTIFICATIONS.name(com.commercive.support.resources.SupportQueues.LOCAL_PREFIX))).append(" (+ dead-letter queues)\n");
    out.append("  Emails (SES)   ").append(system.sesEndpoint()).append("/  (every email sent, newest first)\n");
    String inbound = system.config().email().replyAddresses().map(r -> r.domain()).orElse("");
    out.append("  Mail in (SMTP) ").append("127.0.0.1:").append(system.smtpPort()).append("  (replies by email: mail for ").append(inbound)
        .append(", e.g. an email's Reply-To, or support@").append(inbound).append(" to open a ticket)\n");
    out.append("  Live (WebSocket) ").append(system.webSocketUrl())
        .append("  (connect with ?token= from POST /support/realtime/token)\n");
    out.append("  Files (S3)     ").append(system.s3Endpoint()).append("/").append(system.config().attachments().bucket())
        .append("  (uploads land in quarantine/, checked files in attachments/)\n");
    out.append("  Assistant      ").append(system.config().ai().provider().setting())
        .append(", auto-replies ").append(system.config().autoReplies().enabled() ? "on" : "off")
        .append(", admin emails to ").append(String.join(", ", system.config().email().adminEmails())).append("\n");
    out.append("  Tables         ").append(system.config().tables()).append("\n\n");
    out.append("Tokens (valid ").append(DemoUsers.TOKEN_LIFETIME.toHours()).append(" h):\n");
    for (var user : DemoUsers.ALL) {
      out.append(String.format("  %-12s %-6s %s%n", user.userId(), user.admin() ? "admin" : "user",
          system.tokenFor(user.userId())));
    }
    out.append("\nTry it:\n");
    out.append("  TOKEN=").append(userToken).append("\n");
    out.append("  curl -s -X POST ").append(api).append("/support/tickets \\\n")
        .append("    -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' \\\n")
        .append("    -d '{\"subject\":\"Cannot see my inventory\",\"priority\":\"high\",")
        .append("\"message\":\"I connected my store but see no products\"}'\n");
    out.append("  curl -s ").append(api).append("/support/tickets -H \"Authorization: Bearer $TOKEN\"\n");
    out.append("\nReply by email (the Reply-To of an email on the emails page, from the address it was sent to):\n");
    out.append("  python3 -c \"import smtplib; from email.message import EmailMessage; m = EmailMessage(); ")
        .append("m['From'] = 'dana@example.com'; m['To'] = 'REPLY-TO-ADDRESS'; m['Subject'] = 'Re: my ticket'; ")
        .append("m.set_content('Thanks, that worked.'); smtplib.SMTP('127.0.0.1', ").append(system.smtpPort())
        .append(").send_message(m)\"\n");
    out.append("  (To open a ticket instead: To 'support@").append(inbound).append("', any subject.)\n");
    out.append("\nPress Ctrl-C to stop.\n");
    return out.toString();
  }
}
