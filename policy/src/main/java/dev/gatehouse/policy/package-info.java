/**
 * Who may do what: authentication of bearer tokens (OIDC JWTs and CI service tokens),
 * per-connection access rules, session binding, and the filters that apply them in the data path.
 * Pure: no Netty, plain Java values in and out. See {@code policy/README.md}.
 */
package dev.gatehouse.policy;
