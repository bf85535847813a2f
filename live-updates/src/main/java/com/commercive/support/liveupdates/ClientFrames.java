package com.commercive.support.liveupdates;

import com.commercive.support.realtime.LiveEvent;
import com.commercive.support.realtime.RealtimeService;
import com.commercive.support.realtime.RealtimeService.Frame;
import com.commercive.support.wire.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/** A client's frame on the WebSocket, read strictly: what it asks, or why it cannot be read. */
final class ClientFrames {
  /** API Gateway accepts frames up to 32 KB; ours are a few dozen bytes. */
  static final int MAX_FRAME_BYTES = 4 * 1024;

  /** A frame that is not one: its reason is safe to show the client. */
  static final class Malformed extends Exception {
    Malformed(String reason) {
      super(reason, null, false, false);
    }
  }

  private ClientFrames() {}

  /** The reply to a client's frame: what the service answers, or an error event saying why it cannot be read. */
  static LiveEvent answer(RealtimeService realtime, String connectionId, String body) {
    try {
      return realtime.receive(connectionId, read(body));
    } catch (Malformed malformed) {
      return realtime.malformed(malformed.getMessage());
    }
  }

  static Frame read(String body) throws Malformed {
    if (body == null || body.isBlank()) {
      throw new Malformed("a frame is a JSON object with an action");
    }
    if (body.getBytes(StandardCharsets.UTF_8).length > MAX_FRAME_BYTES) {
      throw new Malformed("a frame is at most " + MAX_FRAME_BYTES + " bytes");
    }
    JsonNode json;
    try {
      json = Json.MAPPER.readTree(body);
    } catch (JsonProcessingException notJson) {
      throw new Malformed("a frame is a JSON object with an action");
    }
    if (json == null || !json.isObject()) {
      throw new Malformed("a frame is a JSON object with an action");
    }
    JsonNode action = json.get("action");
    JsonNode ticketId = json.get("ticket_id");
    JsonNode inbox = json.get("inbox");
    if ((action != null && !action.isTextual()) || (ticketId != null && !ticketId.isNull() && !ticketId.isTextual())
        || (inbox != null && !inbox.isNull() && !inbox.isBoolean())) {
      throw new Malformed("action and ticket_id are strings, inbox is true or false");
    }
    return new Frame(action == null ? null : action.textValue(),
        ticketId == null || ticketId.isNull() ? null : ticketId.textValue(),
        inbox == null || inbox.isNull() ? null : inbox.booleanValue());
  }
}
