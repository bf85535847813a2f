package com.commercive.support.assistant;

/** A help article an answer is grounded in. */
public record Source(String id, String title) {}
