package com.commercive.support.api;

import com.commercive.support.api.Router.Route;
import com.commercive.support.service.AttachmentService;
import java.util.List;
import java.util.Map;

/** Files on a ticket: ask for an upload form, then read the file's check and a download link. */
final class AttachmentRoutes implements Router.Resource {
  private final AttachmentService attachments;

  AttachmentRoutes(AttachmentService attachments) {
    this.attachments = attachments;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.creating("POST", "/tickets/{ticket_id}/attachments", this::requestUpload),
        Route.get("/tickets/{ticket_id}/attachments/{attachment_id}", this::download));
  }

  private HttpResponse requestUpload(RouteRequest request) {
    AttachmentService.Upload upload = attachments.requestUpload(request.caller(), request.parameter("ticket_id"),
        RequestBodies.newUpload(request.body()));
    return HttpResponse.json(201, Representations.upload(upload)).withHeaders(Map.of("Location",
        HttpApi.BASE + "/tickets/" + upload.attachment().ticketId() + "/attachments/"
            + upload.attachment().attachmentId()));
  }

  private HttpResponse download(RouteRequest request) {
    AttachmentService.Download download = attachments.download(request.caller(), request.parameter("ticket_id"),
        request.parameter("attachment_id"));
    // Like every response, sent with Cache-Control: no-store: the link is short-lived and personal.
    return HttpResponse.json(200, Representations.download(download));
  }
}
