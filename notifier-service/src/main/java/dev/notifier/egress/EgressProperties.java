package dev.notifier.egress;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param allowHosts host names (exact, any case) and address blocks in CIDR notation that targets
 *     may reach although they are internal: a platform stand-in, an in-house relay, a test server
 * @param allowProxies the same for targets' proxies ({@code config.proxy}): an operator's internal
 *     forward proxy is admitted here without opening the intranet to targets themselves
 */
@ConfigurationProperties("notifier.egress")
public record EgressProperties(
    @DefaultValue List<String> allowHosts, @DefaultValue List<String> allowProxies) {}
