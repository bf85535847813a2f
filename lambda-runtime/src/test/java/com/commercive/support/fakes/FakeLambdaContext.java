package com.commercive.support.fakes;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.util.UUID;

/** A Lambda context for handler tests: a fresh request id, a function name, fixed limits. */
public record FakeLambdaContext(String awsRequestId, String functionName) implements Context {

  public FakeLambdaContext(String functionName) {
    this(UUID.randomUUID().toString(), functionName);
  }

  @Override public String getAwsRequestId() { return awsRequestId; }
  @Override public String getLogGroupName() { return "/aws/lambda/" + functionName; }
  @Override public String getLogStreamName() { return "test"; }
  @Override public String getFunctionName() { return functionName; }
  @Override public String getFunctionVersion() { return "$LATEST"; }
  @Override public String getInvokedFunctionArn() {
    return "arn:aws:lambda:us-east-1:123456789012:function:" + functionName;
  }
  @Override public CognitoIdentity getIdentity() { return null; }
  @Override public ClientContext getClientContext() { return null; }
  @Override public int getRemainingTimeInMillis() { return 30_000; }
  @Override public int getMemoryLimitInMB() { return 512; }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override public void log(String message) {}
      @Override public void log(byte[] message) {}
    };
  }
}
