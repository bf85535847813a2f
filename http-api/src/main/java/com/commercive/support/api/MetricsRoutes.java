package com.commercive.support.api;

import com.commercive.support.api.Router.Route;
import com.commercive.support.metrics.MetricsReport;
import com.commercive.support.service.ReadMetrics;
import java.util.List;

/** The support team's service-quality metrics for a range of UTC days. */
final class MetricsRoutes implements Router.Resource {
  private final ReadMetrics metrics;

  MetricsRoutes(ReadMetrics metrics) {
    this.metrics = metrics;
  }

  record Percentiles(Long p50, Long p90) {}

  record AiJson(long autoReplies, long handoffs, long resolved, Double resolutionRate) {}

  record CsatJson(long responses, Double average, Double satisfiedShare) {}

  record SlaJson(long firstResponseBreaches, long resolutionBreaches) {}

  record MetricsJson(String from, String to, long ticketsCreated, long ticketsClosed, Percentiles firstResponseMinutes,
      Percentiles resolutionHours, AiJson ai, CsatJson csat, SlaJson sla) {}

  @Override
  public List<Route> routes() {
    return List.of(Route.get("/admin/metrics", this::metrics));
  }

  private HttpResponse metrics(RouteRequest request) {
    MetricsReport r = metrics.report(request.caller(), request.queryParameter("from"), request.queryParameter("to"));
    return HttpResponse.json(200, new MetricsJson(r.from().toString(), r.to().toString(), r.ticketsCreated(),
        r.ticketsClosed(), new Percentiles(r.firstResponseP50(), r.firstResponseP90()),
        new Percentiles(r.resolutionP50(), r.resolutionP90()),
        new AiJson(r.autoReplies(), r.handoffs(), r.resolvedByAi(), r.resolutionRate()),
        new CsatJson(r.csatResponses(), r.csatAverage(), r.satisfiedShare()),
        new SlaJson(r.firstResponseBreaches(), r.resolutionBreaches())));
  }
}
