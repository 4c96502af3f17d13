/**
 * Authentication and authorisation: users, login for pages (form) and API clients (HTTP Basic, tokens), roles and
 * permissions as data, the region data scope, sealed fields, masking permissions and the hash-chained audit log.
 * API: {@link org.fangpin.security.Role}, {@link org.fangpin.security.Permission}, {@link
 * org.fangpin.security.Permissions}, {@link org.fangpin.security.Actor}, {@link org.fangpin.security.SystemActor},
 * {@link org.fangpin.security.AuditLog}, {@link org.fangpin.security.ApiTokens}, {@link
 * org.fangpin.security.UserAccounts}, {@link org.fangpin.security.SensitiveAccess}, {@link
 * org.fangpin.security.FieldCipher}, {@link org.fangpin.security.SealedData}, {@link
 * org.fangpin.security.KeyRotation}, {@link org.fangpin.security.KeyRingFile}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Security")
package org.fangpin.security;
