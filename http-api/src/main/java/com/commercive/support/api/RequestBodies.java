package com.commercive.support.api;

import com.commercive.support.service.RateTicket;
import com.commercive.support.domain.FieldError;
import com.commercive.support.service.EditTicket;
import com.commercive.support.service.PostMessage;
import com.commercive.support.service.OpenTicket;
import com.commercive.support.domain.ValidationException;
import com.commercive.support.service.AgentService.AgentUpdate;
import com.commercive.support.service.AssistantService.AiRequest;
import com.commercive.support.service.AttachmentService.NewUpload;
import com.commercive.support.service.CannedResponseService.Draft;
import com.commercive.support.service.PostMessage.NewMessage;
import com.commercive.support.service.OpenTicket.NewTicket;
import com.commercive.support.service.EditTicket.TicketUpdate;
import com.commercive.support.wire.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads request bodies into the service's requests. Only the JSON shape is checked here (an
 * object, known fields, the right types); the rules on values live in the service.
 */
final class RequestBodies {
  private static final Set<String> NEW_TICKET_FIELDS = Set.of("subject", "priority", "message");
  private static final Set<String> NEW_MESSAGE_FIELDS =
      Set.of("message", "attachment_url", "close_ticket", "internal", "canned_response_id", "attachment_ids");
  private static final Set<String> NEW_UPLOAD_FIELDS = Set.of("filename", "content_type", "size");
  private static final Set<String> CANNED_RESPONSE_FIELDS = Set.of("title", "body", "shortcut");
  private static final Set<String> AGENT_FIELDS = Set.of("available", "max_open");
  private static final Set<String> AI_REQUEST_FIELDS = Set.of("message", "ticket_id", "add_to_ticket");
  private static final Set<String> TICKET_UPDATE_FIELDS = Set.of("status", "priority", "assignee_id");
  private static final Set<String> RATING_FIELDS = Set.of("rating", "comment");

  private RequestBodies() {}

  static NewTicket newTicket(byte[] body) {
    ObjectNode json = object(body);
    List<FieldError> errors = new ArrayList<>();
    unknownFields(json, NEW_TICKET_FIELDS, errors);
    String subject = string(json, "subject", errors);
    String message = string(json, "message", errors);
    // The seed's rule: a priority that is not low, medium or high (of any type) becomes medium.
    JsonNode priority = json.get("priority");
    String rawPriority = priority != null && priority.isTextual() ? priority.textValue() : null;
    throwIfAny(errors);
    return new NewTicket(subject, rawPriority, message);
  }

  static NewMessage newMessage(byte[] body) {
    ObjectNode json = object(body);
    List<FieldError> errors = new ArrayList<>();
    unknownFields(json, NEW_MESSAGE_FIELDS, errors);
    String message = string(json, "message", errors);
    String attachmentUrl = string(json, "attachment_url", errors);
    boolean close = flag(json, "close_ticket", errors);
    boolean internal = flag(json, "internal", errors);
    String canned = string(json, "canned_response_id", errors);
    if (canned != null && message != null) {
      errors.add(new FieldError("canned_response_id", "send either message or canned_response_id, not both"));
    }
    List<String> attachmentIds = strings(json, "attachment_ids", errors);
    throwIfAny(errors);
    return new NewMessage(message, attachmentUrl, close, internal, canned, attachmentIds);
  }

  static NewUpload newUpload(byte[] body) {
    ObjectNode json = object(body);
    List<FieldError> errors = new ArrayList<>();
    unknownFields(json, NEW_UPLOAD_FIELDS, errors);
    String filename = string(json, "filename", errors);
    String contentType = string(json, "content_type", errors);
    Long size = null;
    JsonNode sizeNode = json.get("size");
    if (sizeNode != null && !sizeNode.isNull()) {
      if (sizeNode.isIntegralNumber() && sizeNode.canConvertToLong()) {
        size = sizeNode.longValue();
      } else {
        errors.add(new FieldError("size", "must be a whole number of bytes"));
      }
    }
    throwIfAny(errors);
    return new NewUpload(filename, contentType, size);
  }

  /** An optional array of strings: null when absent or null. */
  private static List<String> strings(ObjectNode json, String field, List<FieldError> errors) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      for (JsonNode element : node) {
        if (!element.isTextual()) {
          errors.add(new FieldError(field, "must be an array of strings"));
          return null;
        }
        values.add(element.textValue());
      }
      return values;
    }
    errors.add(new FieldError(field, "must be an array of strings"));
    return null;
  }

  static Draft cannedResponse(byte[] body) {
    ObjectNode json = object(body);
    List<FieldError> errors = new ArrayList<>();
    unknownFields(json, CANNED_RESPONSE_FIELDS, errors);
    String title = string(json, "title", errors);
    String text = string(json, "body", errors);
    String shortcut = string(json, "shortcut", errors);
    throwIfAny(errors);
    return new Draft(title, text, shortcut);
  }

  static AiRequest aiRequest(byte[] body) {
    ObjectNode json = object(body);
    List<FieldError> errors = new ArrayList<>();
    unknownFields(json, AI_REQUEST_FIELDS, errors);
    String message = string(json, "message", errors);
    String ticketId = string(json, "ticket_id", errors);
    boolean addToTicket = flag(json, "add_to_ticket", errors);
    throwIfAny(errors);
    return new AiRequest(message, ticketId, addToTicket);
  }

  static TicketUpdate ticketUpdate(byte[] body) {
    ObjectNode json = object(body);
    List<FieldError> errors = new ArrayList<>();
    unknownFields(json, TICKET_UPDATE_FIELDS, errors);
    for (String field : List.of("status", "priority")) {
      if (json.has(field) && json.get(field).isNull()) {
        errors.add(new FieldError(field, "cannot be null: leave it out to keep it"));
      }
    }
    String status = string(json, "status", errors);
    String priority = string(json, "priority", errors);
    // Absent: unchanged; null: unassign; an id: assign.
    Optional<String> assignee = null;
    if (json.has("assignee_id")) {
      assignee = json.get("assignee_id").isNull() ? Optional.empty() : Optional.ofNullable(string(json, "assignee_id", errors));
    }
    throwIfAny(errors);
    return new TicketUpdate(status, priority, assignee);
  }

  static RateTicket.Rating rating(byte[] body) {
    ObjectNode json = object(body);
    List<FieldError> errors = new ArrayList<>();
    unknownFields(json, RATING_FIELDS, errors);
    Integer value = wholeNumber(json, "rating", "must be a whole number from 1 to 5", errors);
    String comment = string(json, "comment", errors);
    throwIfAny(errors);
    return new RateTicket.Rating(value, comment);
  }

  static AgentUpdate agentUpdate(byte[] body) {
    ObjectNode json = object(body);
    List<FieldError> errors = new ArrayList<>();
    unknownFields(json, AGENT_FIELDS, errors);
    Boolean available = null;
    JsonNode availableNode = json.get("available");
    if (availableNode != null && !availableNode.isNull()) {
      if (availableNode.isBoolean()) {
        available = availableNode.booleanValue();
      } else {
        errors.add(new FieldError("available", "must be true or false"));
      }
    }
    Integer maxOpen = wholeNumber(json, "max_open", "must be a whole number from 1 to 200", errors);
    throwIfAny(errors);
    return new AgentUpdate(available, maxOpen);
  }

  /** An optional whole number: null when absent or null; anything else but an int is {@code problem}. */
  private static Integer wholeNumber(ObjectNode json, String field, String problem, List<FieldError> errors) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      return node.intValue();
    }
    errors.add(new FieldError(field, problem));
    return null;
  }

  /** An optional boolean: absent or null is false, anything but true/false is an error. */
  private static boolean flag(ObjectNode json, String field, List<FieldError> errors) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      errors.add(new FieldError(field, "must be true or false"));
      return false;
    }
    return node.booleanValue();
  }

  /**
   * A request that takes no fields: no body, or an empty JSON object. A field sent is refused by
   * name, as every other route refuses a field it does not know.
   */
  static void noFields(byte[] body) {
    if (body == null || body.length == 0) {
      return;
    }
    List<FieldError> errors = new ArrayList<>();
    unknownFields(object(body), Set.of(), errors);
    throwIfAny(errors);
  }

  /** The body as a JSON object; anything else is a 400 naming what is wrong. */
  static ObjectNode object(byte[] body) {
    if (body == null || body.length == 0) {
      throw ValidationException.of("body", "is required: send a JSON object");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
    } catch (CharacterCodingException e) {
      throw ValidationException.of("body", "must be UTF-8 encoded JSON");
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(text);
    } catch (StreamConstraintsException tooDeep) {
      throw ValidationException.of("body", "is nested too deeply");
    } catch (JsonProcessingException e) {
      throw ValidationException.of("body", "is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw ValidationException.of("body", "must be a JSON object");
    }
    return (ObjectNode) node;
  }

  private static String string(ObjectNode json, String field, List<FieldError> errors) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      errors.add(new FieldError(field, "must be a string"));
      return null;
    }
    return node.textValue();
  }

  private static void unknownFields(ObjectNode json, Set<String> known, List<FieldError> errors) {
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        errors.add(new FieldError(name, "is not a field of this request"));
      }
    }
  }

  private static void throwIfAny(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }
}
