package dev.notifier.admin;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Request fields that take exactly the JSON type they are documented with: Jackson would otherwise
 * turn {@code "name": 123} into "123" and {@code "enabled": 1} into true, hiding a client's
 * mistake.
 */
final class StrictJson {

  private StrictJson() {}

  static final class Text extends ValueDeserializer<String> {
    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (String) ctxt.handleUnexpectedToken(String.class, p);
      }
      return p.getString();
    }
  }

  /** An id: a whole number that fits a long, not "12" nor 12.5. */
  static final class Id extends ValueDeserializer<Long> {
    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctxt) {
      if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
          || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        return (Long) ctxt.handleUnexpectedToken(Long.class, p);
      }
      return p.getLongValue();
    }
  }

  static final class Flag extends ValueDeserializer<Boolean> {
    @Override
    public Boolean deserialize(JsonParser p, DeserializationContext ctxt) {
      JsonToken token = p.currentToken();
      if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
        return (Boolean) ctxt.handleUnexpectedToken(Boolean.class, p);
      }
      return token == JsonToken.VALUE_TRUE;
    }
  }
}
