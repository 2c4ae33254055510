package dev.vitals.core;

import dev.vitals.api.LatencyBudget;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Budgets by name ({@code vitals.budgets.<entry>.*}): a probe whose type suggests no budget (a custom
 * probe) and a tracker, when neither configures {@code budget.*} of its own, get the budget of the first
 * entry, in entry-name order, whose {@code name-contains} text its name contains (case ignored); without
 * a match, {@link LatencyBudget#API}. One entry is built in: {@code voice}, which matches names containing
 * {@code voice} with the performance guide's voice budget ({@link LatencyBudget#VOICE}, 800/1200 ms); its
 * keys change it and {@code vitals.budgets.voice.enabled = false} removes it. Immutable.
 */
final class NameBudgets {

  /** Keys under {@code vitals.budgets.<entry>.}. */
  static final Set<String> KEYS = Set.of("name-contains", "budget.target", "budget.acceptable", "enabled");

  /** The built-in entry's name and text. */
  static final String VOICE = "voice";

  /** Without {@code vitals.budgets} keys: the built-in entry only. */
  static final NameBudgets DEFAULT = new NameBudgets(List.of(VOICE), List.of(LatencyBudget.VOICE));

  /** Lower-case texts, in entry-name order, and their budgets. */
  private final List<String> texts;
  private final List<LatencyBudget> budgets;

  private NameBudgets(List<String> texts, List<LatencyBudget> budgets) {
    this.texts = texts;
    this.budgets = budgets;
  }

  /**
   * The entries configured, with the built-in one.
   *
   * @param all the whole configuration
   * @param problems where bad entries go
   * @return the budgets by name
   */
  static NameBudgets from(Config all, List<String> problems) {
    Set<String> entries = new TreeSet<>(ConfigReads.names(all.keys(), "vitals.budgets."));
    if (entries.isEmpty()) {
      return DEFAULT;
    }
    entries.add(VOICE);
    List<String> texts = new ArrayList<>();
    List<LatencyBudget> budgets = new ArrayList<>();
    for (String entry : entries) {
      if (!ProbeSettings.validName(entry)) {
        problems.add("vitals.budgets." + entry + ": budget entry name '" + entry + "' is not allowed: expected "
            + ProbeSettings.NAME_RULE);
        continue;
      }
      Config scoped = all.scoped("vitals.budgets." + entry + ".");
      if (!ConfigReads.bool(problems, scoped, "enabled", true)) {
        continue;
      }
      boolean builtIn = entry.equals(VOICE);
      String text = scoped.get("name-contains").orElse(builtIn ? VOICE : null);
      if (text == null) {
        problems.add(scoped.fullKey("name-contains") + " is missing: expected the text that the names of the probes"
            + " and trackers this budget is for contain");
        continue;
      }
      if (text.isBlank() || text.length() > 63) {
        problems.add(ConfigException.describe(scoped.fullKey("name-contains"), text, "1 to 63 characters"));
        continue;
      }
      if (!builtIn && scoped.get("budget.target").isEmpty() && scoped.get("budget.acceptable").isEmpty()) {
        problems.add(scoped.fullKey("budget.target") + " is missing: a budget entry needs budget.target,"
            + " budget.acceptable or both (an unset one is the API budget's, 200/500 ms, moved where it would"
            + " contradict the other)");
        continue;
      }
      texts.add(text.toLowerCase(Locale.ROOT));
      budgets.add(ProbeSettings.budget(scoped, builtIn ? LatencyBudget.VOICE : LatencyBudget.API,
          " of budget entry '" + entry + "'", problems));
    }
    return new NameBudgets(List.copyOf(texts), List.copyOf(budgets));
  }

  /**
   * The budget for a name.
   *
   * @param name a probe's or tracker's name
   * @return the first matching entry's budget, or {@link LatencyBudget#API}
   */
  LatencyBudget forName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (int i = 0; i < texts.size(); i++) {
      if (lower.contains(texts.get(i))) {
        return budgets.get(i);
      }
    }
    return LatencyBudget.API;
  }
}
