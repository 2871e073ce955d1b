package dev.notifier.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** One part of a message body. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Block.Highlight.class, name = "highlight"),
  @JsonSubTypes.Type(value = Block.Fields.class, name = "fields")
})
public sealed interface Block {

  /** The one sentence that says what happened; markdown channels show it as a quote. */
  record Highlight(List<Span> spans) implements Block {}

  /** Labelled values under an optional heading. */
  record Fields(String heading, List<Field> fields) implements Block {}

  /** "label: value". */
  record Field(String label, List<Span> value) {}
}
