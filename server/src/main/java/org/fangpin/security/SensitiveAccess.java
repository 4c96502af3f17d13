package org.fangpin.security;

/**
 * Whether the caller may see ID and phone numbers in full (敏感信息查看权限): the village, township and county
 * operators who work with households, and the system itself. Everyone else sees them masked.
 */
public interface SensitiveAccess {

    boolean mayViewInFull();
}
