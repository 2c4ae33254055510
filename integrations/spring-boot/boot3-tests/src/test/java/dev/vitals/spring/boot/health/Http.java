package dev.vitals.spring.boot.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Real HTTP GETs to a running application, with the time each answer took. */
final class Http {

  record Answer(int status, String body, Duration took) {

    /** The {@code status} at a path of components ({@code "hung"}, {@code "queues", "billing"}); "" for the top. */
    String statusOf(String... components) {
      com.fasterxml.jackson.databind.JsonNode n;
      try {
        n = JSON.readTree(body);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(body, e);
      }
      for (String c : components) {
        n = n.path("components").path(c);
      }
      return n.path("status").asText();
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Http() {}

  static Answer get(int port, String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).GET().build();
    long start = System.nanoTime();
    try {
      HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body(), Duration.ofNanos(System.nanoTime() - start));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
