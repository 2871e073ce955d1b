package dev.notifier.cachehit;

/**
 * One provider and model's requests over some time: how many were judged and their tokens. The hit
 * rate is the share of prompt tokens read from the cache.
 */
record Tally(long providerId, String providerName, String model, long requests, double rate) {

  /**
   * From token sums; null rate (returned as NaN) when the requests carried no prompt tokens at all.
   */
  static Tally of(
      long providerId,
      String providerName,
      String model,
      long requests,
      double input,
      double cacheCreation,
      double cacheRead) {
    double prompt = input + cacheCreation + cacheRead;
    return new Tally(
        providerId, providerName, model, requests, prompt <= 0 ? Double.NaN : cacheRead / prompt);
  }

  boolean judgeable(int minRequests) {
    return requests >= minRequests && !Double.isNaN(rate);
  }
}
