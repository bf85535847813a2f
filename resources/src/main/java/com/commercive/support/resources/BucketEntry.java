package com.commercive.support.resources;

/**
 * A bucket in the catalogue: the id the stack declares it under (AWS names it), the variable that
 * tells functions its name, and the name local runs give it.
 */
public record BucketEntry(String id, String variable, String localName) {}
