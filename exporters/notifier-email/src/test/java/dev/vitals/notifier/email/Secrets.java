package dev.vitals.notifier.email;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** What an exception shows when logged: each message in its chain, and its full stack trace text. */
final class Secrets {

  private Secrets() {}

  static List<String> messagesOf(Throwable e) {
    List<String> out = new ArrayList<>();
    for (Throwable t = e; t != null; t = t.getCause()) {
      out.add(String.valueOf(t.getMessage()));
    }
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    out.add(trace.toString());
    return out;
  }
}
