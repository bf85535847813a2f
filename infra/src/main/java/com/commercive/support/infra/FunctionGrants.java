package com.commercive.support.infra;

import static com.commercive.support.resources.Catalogue.AGENTS;
import static com.commercive.support.resources.Catalogue.AI_JOBS;
import static com.commercive.support.resources.Catalogue.AI_RESPONSE;
import static com.commercive.support.resources.Catalogue.AI_WORKER;
import static com.commercive.support.resources.Catalogue.API;
import static com.commercive.support.resources.Catalogue.ATTACHMENTS;
import static com.commercive.support.resources.Catalogue.ATTACHMENT_CHECKER;
import static com.commercive.support.resources.Catalogue.ATTACHMENT_EXPIRER;
import static com.commercive.support.resources.Catalogue.CANNED_RESPONSES;
import static com.commercive.support.resources.Catalogue.CONNECTIONS;
import static com.commercive.support.resources.Catalogue.IDEMPOTENCY;
import static com.commercive.support.resources.Catalogue.INBOUND_EMAIL;
import static com.commercive.support.resources.Catalogue.LIVE_UPDATES;
import static com.commercive.support.resources.Catalogue.MESSAGES;
import static com.commercive.support.resources.Catalogue.METRICS;
import static com.commercive.support.resources.Catalogue.NOTIFICATIONS;
import static com.commercive.support.resources.Catalogue.NOTIFIER;
import static com.commercive.support.resources.Catalogue.STREAM_PROCESSOR;
import static com.commercive.support.resources.Catalogue.SWEEP;
import static com.commercive.support.resources.Catalogue.TICKETS;
import static com.commercive.support.resources.Catalogue.USERS;
import static com.commercive.support.resources.Catalogue.WEB_SOCKET;

import com.commercive.support.resources.SupportBuckets;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.s3.Bucket;

/**
 * What each function may do, and nothing more: its tables, item actions by name where it needs
 * fewer than all, its queues, the bucket's prefixes, SES and Bedrock by resource. The streams and
 * the queues a function consumes are granted by its event source mappings.
 */
final class FunctionGrants {
  private FunctionGrants() {}

  static void grant(Functions functions, Data data, Messaging messaging, Apis apis, InfraConfig config) {
    Bucket files = data.attachments();
    String quarantine = files.arnForObjects(SupportBuckets.QUARANTINE_PREFIX + "*");
    String checked = files.arnForObjects(SupportBuckets.CHECKED_PREFIX + "*");

    // The API: reads and writes tickets and messages; never sends email or touches the queues. It
    // signs uploads into quarantine and downloads of checked files, and reads no file itself.
    Function api = functions.function(API);
    data.table(TICKETS).grantReadWriteData(api);
    data.table(CANNED_RESPONSES).grantReadWriteData(api);
    data.table(AGENTS).grantReadWriteData(api);
    data.table(MESSAGES).grantReadWriteData(api);
    data.table(IDEMPOTENCY).grantReadWriteData(api);
    data.table(USERS).grantReadData(api);
    data.jwtSecret().grantRead(api);
    data.table(ATTACHMENTS).grant(api, "dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:BatchGetItem",
        "dynamodb:UpdateItem");
    api.addToRolePolicy(PolicyStatement.Builder.create().actions(List.of("s3:PutObject"))
        .resources(List.of(quarantine)).build());
    api.addToRolePolicy(PolicyStatement.Builder.create().actions(List.of("s3:GetObject"))
        .resources(List.of(checked)).build());
    // It registers a connection's token, after counting the caller's open connections and unused
    // tokens (one query on the user); only the pushers post to connections.
    data.table(CONNECTIONS).grant(api, "dynamodb:PutItem", "dynamodb:Query");

    // The assistant's route: reads a ticket and its recent thread, appends the answer (a message
    // and the ticket's new version in one transaction), keeps replays and counts requests in the
    // idempotency table.
    Function aiResponse = functions.function(AI_RESPONSE);
    data.table(TICKETS).grantReadWriteData(aiResponse);
    data.table(MESSAGES).grantReadWriteData(aiResponse);
    data.table(IDEMPOTENCY).grantReadWriteData(aiResponse);
    data.jwtSecret().grantRead(aiResponse);

    // The stream processor sends to both queues, and gives waiting tickets to agents with room (a
    // ticket and an agent written together).
    Function streamProcessor = functions.function(STREAM_PROCESSOR);
    messaging.queue(AI_JOBS).grantSendMessages(streamProcessor);
    messaging.queue(NOTIFICATIONS).grantSendMessages(streamProcessor);
    data.table(TICKETS).grant(streamProcessor, "dynamodb:GetItem", "dynamodb:Query", "dynamodb:UpdateItem");

    data.table(AGENTS).grant(streamProcessor, "dynamodb:Scan", "dynamodb:GetItem", "dynamodb:UpdateItem");
    // Each change's facts: a marker put only if absent and the day's counters added, together.
    data.table(METRICS).grant(streamProcessor, "dynamodb:PutItem", "dynamodb:UpdateItem");
    // The admins' metrics route reads a range of days.
    data.table(METRICS).grant(functions.function(API), "dynamodb:BatchGetItem");

    // The sweep reads due tickets from the sparse index and writes each change conditionally.
    data.table(TICKETS).grant(functions.function(SWEEP), "dynamodb:Query", "dynamodb:GetItem", "dynamodb:UpdateItem");

    // The AI worker writes AI messages (a handoff is marked on the message; the stream processor
    // tells the team, as for every notification).
    Function aiWorker = functions.function(AI_WORKER);
    data.table(TICKETS).grantReadWriteData(aiWorker);
    data.table(MESSAGES).grantReadWriteData(aiWorker);
    // Its per-user auto-reply counters live in the idempotency table (read, then one conditional
    // UpdateItem: a sliding window's compare-and-set).
    data.table(IDEMPOTENCY).grant(aiWorker, "dynamodb:GetItem", "dynamodb:UpdateItem");
    // It announces "assistant.typing" to a ticket's listeners when it starts on a question.
    data.table(CONNECTIONS).grant(aiWorker, "dynamodb:Query", "dynamodb:BatchWriteItem");
    apis.liveApi().grantManageConnections(aiWorker);

    // The notifier reads tickets, messages and users, records sends, emails through SES.
    Function notifier = functions.function(NOTIFIER);
    data.table(TICKETS).grantReadData(notifier);
    data.table(MESSAGES).grantReadData(notifier);
    data.table(USERS).grantReadData(notifier);
    data.table(IDEMPOTENCY).grantReadWriteData(notifier);
    Stack stack = Stack.of(api);
    notifier.addToRolePolicy(PolicyStatement.Builder.create()
        .actions(List.of("ses:SendRawEmail"))
        .resources(List.of("arn:" + stack.getPartition() + ":ses:" + stack.getRegion() + ":" + stack.getAccount()
            + ":identity/" + config.sesIdentity())).build());

    // Replies by email: the notifier signs reply addresses and remembers who it emailed where (the
    // idempotency table, above). The inbound function reads the mail SES stored, appends it (or opens
    // a ticket) as the API does, checks the sender against the users and the address book, counts;
    // it puts the mail's files in quarantine with their records, as an upload, and attaches them.
    Function inbound = functions.function(INBOUND_EMAIL);
    data.table(TICKETS).grantReadWriteData(inbound);
    data.table(MESSAGES).grantReadWriteData(inbound);
    data.table(IDEMPOTENCY).grant(inbound, "dynamodb:GetItem", "dynamodb:UpdateItem");
    data.table(USERS).grant(inbound, "dynamodb:BatchGetItem");
    inbound.addToRolePolicy(PolicyStatement.Builder.create().actions(List.of("s3:GetObject"))
        .resources(List.of(files.arnForObjects(SupportBuckets.INBOUND_PREFIX + "*"))).build());
    inbound.addToRolePolicy(PolicyStatement.Builder.create().actions(List.of("s3:PutObject"))
        .resources(List.of(quarantine)).build());
    data.table(ATTACHMENTS).grant(inbound, "dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:BatchGetItem",
        "dynamodb:UpdateItem");
    data.replySecret().ifPresent(secret -> {
      secret.grantRead(notifier);
      secret.grantRead(inbound);
    });

    // The attachment checker reads an uploaded file's head and tags in quarantine, moves a clean
    // one to attachments/ (a copy, then the delete), deletes anything else, records the outcome.
    Function checker = functions.function(ATTACHMENT_CHECKER);
    data.table(ATTACHMENTS).grant(checker, "dynamodb:GetItem", "dynamodb:UpdateItem");
    checker.addToRolePolicy(PolicyStatement.Builder.create()
        .actions(List.of("s3:GetObject", "s3:GetObjectTagging", "s3:DeleteObject"))
        .resources(List.of(quarantine)).build());
    checker.addToRolePolicy(PolicyStatement.Builder.create().actions(List.of("s3:GetObject", "s3:PutObject"))
        .resources(List.of(checked)).build());

    // The attachment expirer: DynamoDB's removal of an unsent upload's expired record (and only
    // that: its mapping's filter) deletes the upload's files.
    functions.function(ATTACHMENT_EXPIRER).addToRolePolicy(PolicyStatement.Builder.create()
        .actions(List.of("s3:DeleteObject")).resources(List.of(quarantine, checked)).build());

    // The WebSocket routes keep connections and their subscriptions, checking a ticket's reader.
    Function webSocket = functions.function(WEB_SOCKET);
    data.table(CONNECTIONS).grant(webSocket, "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem",
        "dynamodb:Query", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem");
    data.table(TICKETS).grant(webSocket, "dynamodb:GetItem");

    // The pusher posts the tables' changes to the connections allowed to see them.
    Function liveUpdates = functions.function(LIVE_UPDATES);
    data.table(CONNECTIONS).grant(liveUpdates, "dynamodb:Query", "dynamodb:BatchWriteItem");
    data.table(USERS).grant(liveUpdates, "dynamodb:BatchGetItem");
    apis.liveApi().grantManageConnections(liveUpdates);

    // Only the functions that run the assistant may call Bedrock, and only the configured model.
    if (config.aiProvider().equals("bedrock")) {
      for (Function assistantUser : List.of(aiResponse, aiWorker)) {
        assistantUser.addToRolePolicy(PolicyStatement.Builder.create()
            .actions(List.of("bedrock:InvokeModel"))
            .resources(List.of("arn:" + stack.getPartition() + ":bedrock:" + stack.getRegion()
                + "::foundation-model/" + config.bedrockModelId())).build());
      }
    }
  }
}
