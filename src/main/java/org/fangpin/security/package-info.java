/**
 * Authentication: users, password hashing, login for pages (form) and API clients (HTTP Basic), the bootstrap
 * administrator. Roles, region data scope, masking permissions and the audit log build on this (issue 5).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security")
package org.fangpin.security;
