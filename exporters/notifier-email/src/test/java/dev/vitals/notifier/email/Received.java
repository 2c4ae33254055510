package dev.vitals.notifier.email;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;

/** A message as a mail server received it, with its two bodies taken apart. */
final class Received {

  final MimeMessage message;
  final String text;
  final String html;

  private Received(MimeMessage message, String text, String html) {
    this.message = message;
    this.text = text;
    this.html = html;
  }

  static Received of(MimeMessage message) throws MessagingException, IOException {
    Object content = message.getContent();
    if (!(content instanceof MimeMultipart) || !message.isMimeType("multipart/alternative")) {
      throw new AssertionError("expected multipart/alternative, got " + message.getContentType());
    }
    MimeMultipart parts = (MimeMultipart) content;
    String text = null;
    String html = null;
    for (int i = 0; i < parts.getCount(); i++) {
      BodyPart part = parts.getBodyPart(i);
      if (part.isMimeType("text/plain")) {
        text = (String) part.getContent();
      } else if (part.isMimeType("text/html")) {
        html = (String) part.getContent();
      }
    }
    return new Received(message, text, html);
  }

  String header(String name) throws MessagingException {
    return message.getHeader(name, ",");
  }
}
