package dev.notifier.channel.wecom;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An image message: the picture base64-encoded with the MD5 of its raw bytes, as WeCom checks both.
 * https://developer.work.weixin.qq.com/document/path/91770#图片类型
 */
record WeComImage(String msgtype, Image image) {

  record Image(String base64, String md5) {}

  static WeComImage of(byte[] picture) {
    return new WeComImage(
        "image", new Image(Base64.getEncoder().encodeToString(picture), md5(picture)));
  }

  private static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has MD5", e);
    }
  }
}
