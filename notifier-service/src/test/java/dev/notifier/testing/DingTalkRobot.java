package dev.notifier.testing;

import dev.notifier.testing.ChatStandIn.Reply;
import dev.notifier.testing.ChatStandIn.Request;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A DingTalk custom robot with the "custom keywords" security setting, as a {@link ChatStandIn}
 * answer: a message whose title and text contain none of the keywords is refused with errcode
 * 310000, the way DingTalk refuses it.
 */
public final class DingTalkRobot implements Function<Request, Reply> {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final List<String> keywords;

  public DingTalkRobot(String... keywords) {
    this.keywords = List.of(keywords);
  }

  @Override
  public Reply apply(Request request) {
    JsonNode body = JSON.readTree(request.body());
    String content =
        body.at("/markdown/title").asString("") + body.at("/markdown/text").asString("");
    if (keywords.stream().noneMatch(content::contains)) {
      return Reply.json(
          "{\"errcode\":310000,\"errmsg\":\"keywords not in content, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]\"}");
    }
    return Reply.json("{\"errcode\":0,\"errmsg\":\"ok\"}");
  }
}
