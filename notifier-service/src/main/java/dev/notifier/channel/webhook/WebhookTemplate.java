package dev.notifier.channel.webhook;

import com.samskivert.mustache.DefaultCollector;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A custom webhook's template: a JSON document whose strings are Mustache templates over the
 * message's variables (the seeds' names: {@code {{provider_name}}}, {@code {{entries_json}}}, ...).
 * The document is read as JSON first, so the output's syntax is never the template's to break: a
 * string that is one placeholder alone becomes the value itself, typed ({@code "{{failure_count}}"}
 * gives {@code 5}, {@code "{{entries_json}}"} an array); any other string is rendered by JMustache
 * and written back as a JSON string, escaped by the JSON writer. Mustache's own HTML escaping is
 * off (the output is JSON, not HTML), partials cannot be loaded, and names resolve in maps only,
 * never by reflection on a value.
 */
final class WebhookTemplate {

  private static final Pattern ALONE = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

  private static final Mustache.Compiler MUSTACHE =
      Mustache.compiler()
          .escapeHTML(false)
          .defaultValue("")
          .withLoader(
              name -> {
                throw new MustacheException("partials ({{> " + name + "}}) are not available");
              })
          .withCollector(new MapsOnly());

  private final JsonNode document;
  // each string of the document compiled once, when the template is read
  private final Map<String, Template> compiled;

  private WebhookTemplate(JsonNode document, Map<String, Template> compiled) {
    this.document = document;
    this.compiled = compiled;
  }

  /**
   * Reads a template: a JSON object or array, as text or as already parsed (a binding's template is
   * stored as JSON); text in the earlier form, with placeholders bare, is read as its JSON
   * equivalent ({@link EarlierTemplates}). Every string is compiled now, so a template that cannot
   * render is refused before anything is sent.
   */
  static WebhookTemplate of(Object template, JsonMapper json) {
    JsonNode document;
    try {
      document = template instanceof String text ? json.readTree(text) : json.valueToTree(template);
    } catch (RuntimeException e) {
      document = template instanceof String text ? EarlierTemplates.upgrade(text, json) : null;
      if (document == null) {
        throw new IllegalArgumentException("the template is not JSON");
      }
    }
    if (document == null || !(document.isObject() || document.isArray())) {
      throw new IllegalArgumentException("the template must be a JSON object or array");
    }
    Map<String, Template> compiled = new HashMap<>();
    compileAll(document, compiled);
    return new WebhookTemplate(document, compiled);
  }

  /** The document with the values filled in, as JSON text. */
  String fill(Map<String, Object> values, JsonMapper json) {
    return json.writeValueAsString(
        JsonLeaves.map(document, leaf -> fill(leaf, values, json), json));
  }

  private JsonNode fill(JsonNode leaf, Map<String, Object> values, JsonMapper json) {
    if (!leaf.isString()) {
      return leaf;
    }
    Matcher alone = ALONE.matcher(leaf.asString());
    if (alone.matches()) {
      return json.valueToTree(values.get(alone.group(1)));
    }
    try {
      return json.getNodeFactory()
          .stringNode(Objects.requireNonNull(compiled.get(leaf.asString())).execute(values));
    } catch (MustacheException e) {
      throw new IllegalArgumentException("the template cannot be rendered: " + e.getMessage());
    }
  }

  private static void compileAll(JsonNode node, Map<String, Template> compiled) {
    if (node.isContainer()) {
      node.forEach(child -> compileAll(child, compiled));
    } else if (node.isString() && !compiled.containsKey(node.asString())) {
      try {
        compiled.put(node.asString(), MUSTACHE.compile(node.asString()));
      } catch (MustacheException e) {
        throw new IllegalArgumentException("the template cannot be read: " + e.getMessage());
      }
    }
  }

  /**
   * Looks names up in maps and iterates lists; anything else has no properties. The default
   * collector would also call a value's methods and read its fields by reflection.
   */
  private static final class MapsOnly extends DefaultCollector {
    @Override
    public Mustache.@Nullable VariableFetcher createFetcher(Object ctx, String name) {
      return ctx instanceof Map<?, ?> ? super.createFetcher(ctx, name) : null;
    }
  }
}
