package com.commercive.support.domain;

/** One invalid field of a request and what is wrong with it. */
public record FieldError(String field, String message) {}
