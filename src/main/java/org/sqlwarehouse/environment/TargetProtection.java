package org.sqlwarehouse.environment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a target is protected, and says why.
 *
 * <p>The rule, first match wins:
 * <ol>
 * <li>an explicit {@code protected} true or false decides;</li>
 * <li>a name with a production word ({@link #PRODUCTION_WORDS}, e.g. {@code prod-eu},
 * {@code production_eu}, {@code prd}) is protected;</li>
 * <li>a target without {@code schema} builds into each user's own dev schema {@code dbt_<user>}, so it
 * is not protected;</li>
 * <li>a name with a development word ({@link #DEVELOPMENT_WORDS}, e.g. {@code dev},
 * {@code alice_dev}, {@code local}) is not protected;</li>
 * <li>any other target declares a schema that everyone who selects it shares, so it is protected.</li>
 * </ol>
 *
 * <p>Why this shape: protection used to follow the exact names {@code prod} and {@code production},
 * so a shared environment named {@code prd} or {@code prod-eu} had its live relations replaced in
 * place by a plain {@code mvn verify}. A list of production names can never be complete, so the
 * default follows what the target does instead: a declared schema is shared and is protected unless
 * the target says otherwise; only a personal dev schema, or a name that says "development", is built
 * in place. A mistake in that direction costs a staged build instead of a live one, never the reverse.
 * The result is a superset of the old rule (a target named prod or production stays protected), and
 * an explicit flag always wins.
 *
 * <p>A name is split into words at every character that is not a letter or digit, between a lower-
 * and an upper-case letter, and between letters and digits: {@code prodEu2} gives prod, eu, 2. Whole
 * words are compared, case-insensitively, so {@code products} has no production word.
 */
public final class TargetProtection {
    /** Words of a target name that make it protected unless it says {@code protected: false}. */
    public static final Set<String> PRODUCTION_WORDS = Set.of("prod", "prd", "production", "live");

    /** Words of a target name that leave a target with a declared schema unprotected. */
    public static final Set<String> DEVELOPMENT_WORDS = Set.of("dev", "development", "local", "sandbox");

    private static final Pattern WORD_BREAK = Pattern.compile(
            "[^A-Za-z0-9]+|(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])");

    /** Which part of the rule decided. */
    public enum Basis {
        /** {@code protected} was given. */
        EXPLICIT,
        /** The name has a production word. */
        PRODUCTION_NAME,
        /** No schema: the target builds into the user's own dev schema. */
        DEV_SCHEMA,
        /** The name has a development word. */
        DEVELOPMENT_NAME,
        /** A declared schema, shared by everyone who selects the target. */
        SHARED_SCHEMA
    }

    /**
     * A decision and its reason, in words for {@code warehouse:debug} and log lines.
     *
     * @param isProtected whether verify stages a candidate instead of replacing live relations
     * @param basis       which part of the rule decided
     * @param reason      why, e.g. {@code name 'prod-eu' contains 'prod'}
     */
    public record Decision(boolean isProtected, Basis basis, String reason) {
        /** For debug: {@code yes (name 'prod-eu' contains 'prod')}. */
        public String describe() {
            return (isProtected ? "yes" : "no") + " (" + reason + ")";
        }
    }

    private TargetProtection() {
    }

    /** Decides for one target as declared (a schema that is a template counts as declared). */
    public static Decision decide(TargetDefinition target) {
        String name = target.name();
        if (target.protectedFlag() != null) {
            boolean flag = target.protectedFlag();
            return new Decision(flag, Basis.EXPLICIT, "explicit protected: " + flag + " in " + origin(target));
        }
        String production = firstWordIn(name, PRODUCTION_WORDS);
        if (production != null) {
            return new Decision(true, Basis.PRODUCTION_NAME, "name '" + name + "' contains '" + production + "'");
        }
        if (target.schema() == null || target.schema().isBlank()) {
            return new Decision(false, Basis.DEV_SCHEMA, "no schema: each user builds into their own dev schema");
        }
        String development = firstWordIn(name, DEVELOPMENT_WORDS);
        if (development != null) {
            return new Decision(false, Basis.DEVELOPMENT_NAME,
                    "name '" + name + "' contains '" + development + "', a development target");
        }
        return new Decision(true, Basis.SHARED_SCHEMA, "declared schema '" + target.schema()
                + "' is shared; say protected: false to build it in place");
    }

    /** The words of a target name, lower-cased. */
    public static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        if (name == null) {
            return words;
        }
        for (String word : WORD_BREAK.split(name)) {
            if (!word.isEmpty()) {
                words.add(word.toLowerCase(Locale.ROOT));
            }
        }
        return words;
    }

    private static String firstWordIn(String name, Set<String> vocabulary) {
        for (String word : words(name)) {
            if (vocabulary.contains(word)) {
                return word;
            }
        }
        return null;
    }

    /** Where the flag was written: the file, without the note that credentials came from settings.xml. */
    private static String origin(TargetDefinition target) {
        String origin = target.origin();
        if (origin == null || origin.isBlank()) {
            return "the target";
        }
        int credentials = origin.indexOf(", credentials from");
        return credentials < 0 ? origin : origin.substring(0, credentials);
    }
}
