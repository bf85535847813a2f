package com.commercive.support.api;

import com.commercive.support.api.Router.Route;
import com.commercive.support.domain.CannedResponse;
import com.commercive.support.service.CannedResponseService;
import com.commercive.support.util.Timestamps;
import java.util.List;
import java.util.Map;

/** The team's canned responses (admins only): list, create, replace, delete. */
final class CannedResponseRoutes implements Router.Resource {
  static final String PATH = "/admin/canned-responses";

  private final CannedResponseService cannedResponses;

  CannedResponseRoutes(CannedResponseService cannedResponses) {
    this.cannedResponses = cannedResponses;
  }

  record CannedResponseJson(
      String cannedResponseId, String title, String body, String shortcut, String createdAt, String updatedAt) {}

  record CannedResponseEnvelope(CannedResponseJson cannedResponse) {}

  record CannedResponseListJson(List<CannedResponseJson> cannedResponses) {}

  @Override
  public List<Route> routes() {
    return List.of(
        Route.get(PATH, this::list),
        Route.creating("POST", PATH, this::create),
        Route.changing("PUT", PATH + "/{canned_response_id}", this::replace),
        Route.changing("DELETE", PATH + "/{canned_response_id}", this::delete));
  }

  private HttpResponse list(RouteRequest request) {
    return HttpResponse.json(200, new CannedResponseListJson(
        cannedResponses.list(request.caller()).stream().map(CannedResponseRoutes::json).toList()));
  }

  private HttpResponse create(RouteRequest request) {
    CannedResponse created = cannedResponses.create(request.caller(), RequestBodies.cannedResponse(request.body()));
    return HttpResponse.json(201, new CannedResponseEnvelope(json(created)))
        .withHeaders(Map.of("Location", HttpApi.BASE + PATH + "/" + created.cannedResponseId()));
  }

  private HttpResponse replace(RouteRequest request) {
    CannedResponse replaced = cannedResponses.replace(request.caller(), request.parameter("canned_response_id"),
        RequestBodies.cannedResponse(request.body()));
    return HttpResponse.json(200, new CannedResponseEnvelope(json(replaced)));
  }

  private HttpResponse delete(RouteRequest request) {
    cannedResponses.delete(request.caller(), request.parameter("canned_response_id"));
    return new HttpResponse(204, Map.of(), "");
  }

  static CannedResponseJson json(CannedResponse response) {
    return new CannedResponseJson(response.cannedResponseId(), response.title(), response.body(), response.shortcut(),
        Timestamps.format(response.createdAt()), Timestamps.format(response.updatedAt()));
  }
}
