package com.commercive.support.api;

import com.commercive.support.domain.Caller;
import java.util.Map;

/**
 * A request that reached its route: the HTTP request, the authenticated caller (null on public
 * routes) and the path parameters ({@code ticket_id}, ...).
 */
record RouteRequest(HttpRequest http, Caller caller, Map<String, String> parameters) {
  String parameter(String name) {
    String value = parameters.get(name);
    if (value == null) {
      throw new IllegalStateException("the route has no {" + name + "} segment");
    }
    return value;
  }

  byte[] body() {
    return http.body();
  }

  String queryParameter(String name) {
    return QueryString.single(http.query(), name);
  }
}
