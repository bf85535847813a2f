package com.commercive.support.resources;

/**
 * A table in the catalogue: the id the stack declares it under, its spec, and the variable that
 * tells functions its name.
 */
public record TableEntry(String id, TableSpec spec, String variable) {}
