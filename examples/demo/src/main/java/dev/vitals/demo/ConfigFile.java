package dev.vitals.demo;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Reads the demo's {@code --config} file: a properties file in UTF-8 or, when it is not valid UTF-8,
 * in ISO-8859-1 (the classic encoding of properties files, as {@link java.util.ResourceBundle} does).
 * What cannot be read becomes a problem that names the file and, for a bad escape, the line, never a
 * value (a value may be a secret).
 */
final class ConfigFile {

  private ConfigFile() {}

  /**
   * The file's keys and values.
   *
   * @param file the file
   * @param problems receives what is wrong with it
   * @return the settings, or empty when the file cannot be read (a problem says why)
   */
  static Optional<Map<String, String>> read(Path file, List<String> problems) {
    String where = "--config " + file;
    if (Files.isDirectory(file)) {
      problems.add(where + " is a directory: expected a properties file");
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      problems.add(where + ": no such file: expected a readable properties file");
      return Optional.empty();
    } catch (AccessDeniedException e) {
      problems.add(where + " cannot be read: permission denied: expected a readable properties file");
      return Optional.empty();
    } catch (IOException | SecurityException e) {
      problems.add(where + " cannot be read (" + e.getMessage() + "): expected a readable properties file");
      return Optional.empty();
    }
    String text = decode(bytes);
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IllegalArgumentException e) {
      // Properties says only "Malformed \\uxxxx encoding."; find where, without showing the value
      problems.add(where + badEscape(text).map(at -> ", line " + at[0] + ", column " + at[1]).orElse("")
          + ": a malformed \\u escape: expected \\u followed by four hexadecimal digits (such as \\u00e9),"
          + " or \\\\u for a backslash followed by u");
      return Optional.empty();
    } catch (IOException e) {
      problems.add(where + " cannot be read (" + e.getMessage() + "): expected a readable properties file");
      return Optional.empty();
    }
    Map<String, String> settings = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      settings.put(key, p.getProperty(key));
    }
    return Optional.of(settings);
  }

  /** UTF-8 if the bytes are valid UTF-8 (a BOM is dropped), otherwise ISO-8859-1, which accepts any byte. */
  static String decode(byte[] bytes) {
    try {
      String s = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
      return s.startsWith("\uFEFF") ? s.substring(1) : s;
    } catch (CharacterCodingException e) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  /**
   * Where the first malformed {@code \\u} escape is, following the rules of
   * {@link Properties#load(java.io.Reader)}: comment lines are skipped, a backslash escapes the next
   * character, and a backslash at the end of a line continues the logical line.
   *
   * @return the line and column (1-based), or empty when none is found
   */
  static Optional<int[]> badEscape(String text) {
    String[] lines = text.split("\r\n|\r|\n", -1);
    boolean continued = false;
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n];
      int i = 0;
      while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t' || line.charAt(i) == '\f')) {
        i++;
      }
      if (!continued && (i == line.length() || line.charAt(i) == '#' || line.charAt(i) == '!')) {
        continue; // blank or comment line: escapes mean nothing there
      }
      continued = false;
      for (; i < line.length(); i++) {
        if (line.charAt(i) != '\\') {
          continue;
        }
        if (i + 1 == line.length()) {
          continued = true; // the logical line goes on
          break;
        }
        if (line.charAt(i + 1) == 'u') {
          for (int k = i + 2; k < i + 6; k++) {
            if (k >= line.length() || Character.digit(line.charAt(k), 16) < 0) {
              return Optional.of(new int[] {n + 1, i + 1});
            }
          }
          i += 5;
        } else {
          i++; // an escaped character, such as \\ or \=
        }
      }
    }
    return Optional.empty();
  }
}
