package com.commercive.support.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The support console as the local runner serves it, beside the API on the same origin: its static
 * files from the {@code console} jar, its one setting ({@code /config.js}: the API is this origin),
 * and, locally only, the demo users with fresh tokens to sign in as ({@code /local/demo-users}).
 * Nothing of the last two exists in a deployed build: a static host serves its own config.js.
 */
final class LocalConsole {
  /** A file to answer with. */
  record File(String contentType, byte[] body) {}

  static final String DEMO_USERS = "/local/demo-users";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> FILES = Map.of(
      "/", "index.html", "/index.html", "index.html", "/app.js", "app.js", "/app.js.map", "app.js.map",
      "/styles.css", "styles.css");
  private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8", "map", "application/json", "css", "text/css; charset=utf-8");

  private final byte[] jwtSecret;
  private final String connectSources;

  /**
   * @param jwtSecret the key the API checks tokens with (the demo users' tokens are signed with it)
   * @param connectSources the origins the page talks to besides its own (the WebSocket API, the bucket)
   */
  LocalConsole(byte[] jwtSecret, String connectSources) {
    this.jwtSecret = jwtSecret.clone();
    this.connectSources = connectSources;
  }

  /** The console's file at {@code path}; empty when the path is not the console's. */
  Optional<File> file(String path) {
    if (path.equals("/config.js")) {
      return Optional.of(new File(TYPES.get("js"), ("window.COMMERCIVE_SUPPORT = {\"apiUrl\": \"\", \"demoUsersUrl\": \""
          + DEMO_USERS + "\"};\n").getBytes(StandardCharsets.UTF_8)));
    }
    if (path.equals(DEMO_USERS)) {
      return Optional.of(new File("application/json", demoUsers()));
    }
    String name = FILES.get(path);
    if (name == null) {
      return Optional.empty();
    }
    try (InputStream in = LocalConsole.class.getClassLoader().getResourceAsStream("console/" + name)) {
      if (in == null) {
        return Optional.empty(); // a build without the console
      }
      return Optional.of(new File(TYPES.get(name.substring(name.lastIndexOf('.') + 1)), in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException("the console's " + name + " could not be read", e);
    }
  }

  /** The headers every console file goes out with: nothing cached, nothing sniffed, only our own code runs. */
  Map<String, String> headers() {
    return Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff",
        "Content-Security-Policy", "default-src 'self'; connect-src 'self' " + connectSources
            + "; img-src 'self' data:; frame-ancestors 'none'");
  }

  private byte[] demoUsers() {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode users = body.putArray("users");
    for (var user : DemoUsers.ALL) {
      users.addObject().put("user_id", user.userId()).put("name", user.name()).put("role", user.admin() ? "admin" : "user")
          .put("token", DemoUsers.token(user, jwtSecret, Instant.now()));
    }
    body.put("issued_at", Instant.now().toString());
    try {
      return JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
