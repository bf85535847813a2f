package com.commercive.support.domain;

/**
 * A refusal the caller can act on (bad input, no such ticket, not allowed, conflicting state).
 * Each kind says what it is to a client: an HTTP status and a problem slug, defined here once, so
 * every way out of the API (and of the next entry points) answers it alike; anything else is a
 * fault.
 */
public abstract sealed class SupportException extends RuntimeException
    permits ValidationException,
        NotFoundException,
        ForbiddenException,
        ConflictException,
        IdempotencyKeyReusedException,
        RateLimitedException,
        VersionMismatchException,
        AgentAtCapacityException,
        AttachmentUnavailableException {

  /** What a refusal is to a client: the HTTP status and the problem type's last segment. */
  public enum Kind {
    BAD_REQUEST(400, "validation-error"),
    FORBIDDEN(403, "forbidden"),
    NOT_FOUND(404, "not-found"),
    CONFLICT(409, "conflict"),
    VERSION_MISMATCH(412, "version-mismatch"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused"),
    ATTACHMENT_UNAVAILABLE(422, "attachment-unavailable"),
    RATE_LIMITED(429, "rate-limited");

    private final int status;
    private final String slug;

    Kind(int status, String slug) {
      this.status = status;
      this.slug = slug;
    }

    public int status() {
      return status;
    }

    public String slug() {
      return slug;
    }
  }

  private final Kind kind;

  protected SupportException(Kind kind, String detail) {
    super(detail, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** The fields (or items) the refusal names, for the problem's {@code errors}; empty when none. */
  public java.util.List<FieldError> errors() {
    return java.util.List.of();
  }

  /** The sentence shown to the client as the problem's {@code detail}. */
  public String detail() {
    return getMessage();
  }
}
