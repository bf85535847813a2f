package com.commercive.support.store.dynamodb;

import com.commercive.support.domain.Agent;
import com.commercive.support.resources.SupportTables;
import com.commercive.support.store.AgentRoster;
import com.commercive.support.util.Timestamps;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The roster, one item per agent. Saving sets the settings and leaves {@code open_assigned} and
 * {@code last_assigned_at} to the ticket writes that keep them; a team is small, so listing is a
 * scan.
 */
public final class DynamoDbAgentRoster implements AgentRoster {
  static final String AGENT_ID = SupportTables.AGENT_ID;
  static final String NAME = "name";
  static final String EMAIL = "email";
  static final String AVAILABLE = "available";
  static final String MAX_OPEN = "max_open";
  /** Non-closed tickets assigned to the agent; changed only together with those tickets. */
  static final String OPEN_ASSIGNED = "open_assigned";
  static final String LAST_ASSIGNED_AT = "last_assigned_at";

  private final DynamoDbClient dynamoDb;
  private final String table;

  public DynamoDbAgentRoster(DynamoDbClient dynamoDb, String table) {
    this.dynamoDb = dynamoDb;
    this.table = table;
  }

  @Override
  public List<Agent> list() {
    List<Agent> agents = new ArrayList<>();
    dynamoDb.scanPaginator(r -> r.tableName(table).consistentRead(true)).items().forEach(item -> agents.add(agent(item)));
    agents.sort(Comparator.comparing(Agent::agentId));
    return agents;
  }

  @Override
  public Optional<Agent> find(String agentId) {
    Map<String, AttributeValue> item = dynamoDb.getItem(r -> r.tableName(table)
        .key(Map.of(AGENT_ID, AttributeValue.fromS(agentId))).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(agent(item));
  }

  @Override
  public Agent save(String agentId, String name, String email, boolean available, int maxOpen) {
    Map<String, String> names = new HashMap<>(Map.of("#available", AVAILABLE, "#max", MAX_OPEN, "#open", OPEN_ASSIGNED));
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":available", AttributeValue.fromBool(available));
    values.put(":max", AttributeValue.fromN(Integer.toString(maxOpen)));
    values.put(":zero", AttributeValue.fromN("0"));
    StringBuilder set = new StringBuilder("SET #available = :available, #max = :max, #open = if_not_exists(#open, :zero)");
    List<String> removed = new ArrayList<>();
    text(NAME, name, names, values, set, removed);
    text(EMAIL, email, names, values, set, removed);
    String expression = set + (removed.isEmpty() ? "" : " REMOVE " + String.join(", ", removed));
    return agent(dynamoDb.updateItem(r -> r.tableName(table).key(Map.of(AGENT_ID, AttributeValue.fromS(agentId)))
        .updateExpression(expression).expressionAttributeNames(names).expressionAttributeValues(values)
        .returnValues(ReturnValue.ALL_NEW)).attributes());
  }

  private static void text(String attribute, String value, Map<String, String> names, Map<String, AttributeValue> values,
      StringBuilder set, List<String> removed) {
    names.put("#" + attribute, attribute);
    if (value == null) {
      removed.add("#" + attribute);
    } else {
      set.append(", #").append(attribute).append(" = :").append(attribute);
      values.put(":" + attribute, AttributeValue.fromS(value));
    }
  }

  static Agent agent(Map<String, AttributeValue> item) {
    AttributeValue name = item.get(NAME);
    AttributeValue email = item.get(EMAIL);
    AttributeValue last = item.get(LAST_ASSIGNED_AT);
    AttributeValue open = item.get(OPEN_ASSIGNED);
    return new Agent(item.get(AGENT_ID).s(), name == null ? null : name.s(), email == null ? null : email.s(),
        Boolean.TRUE.equals(item.get(AVAILABLE).bool()), Integer.parseInt(item.get(MAX_OPEN).n()),
        open == null ? 0 : Integer.parseInt(open.n()), last == null ? null : Timestamps.parse(last.s()));
  }
}
