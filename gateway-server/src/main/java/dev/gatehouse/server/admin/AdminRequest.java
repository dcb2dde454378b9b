package dev.gatehouse.server.admin;

import dev.gatehouse.core.RequestHeaders;

/**
 * One admin API request, copied out of Netty's buffers so it can outlive the handler call (the
 * reply may be made later, after a JWKS fetch or an audit write).
 *
 * @param method HTTP method
 * @param uri the request target as sent (path and query)
 * @param path the decoded path, without the query
 * @param headers request headers
 * @param body the body bytes (empty when none)
 * @param clientAddress the peer's IP address
 */
public record AdminRequest(
    String method,
    String uri,
    String path,
    RequestHeaders headers,
    byte[] body,
    String clientAddress) {}
