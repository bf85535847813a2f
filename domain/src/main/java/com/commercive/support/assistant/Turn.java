package com.commercive.support.assistant;

/** One earlier message of the conversation, from the merchant or from support (people or AI). */
public record Turn(Speaker speaker, String text) {
  public enum Speaker {
    CUSTOMER,
    SUPPORT
  }
}
