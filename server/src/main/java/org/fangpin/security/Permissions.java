package org.fangpin.security;

import java.util.Map;
import java.util.Set;

/**
 * The role–permission matrix (角色权限): which role may do what. It is data, changed by administrators in the
 * 权限配置 page or the API; a change takes effect for signed-in users within seconds, without a new login. A
 * permission first seen by a release is granted to its {@link Permission#defaults()} once; later changes stay.
 */
public interface Permissions {

    /** Whether the signed-in user's role holds the permission; the system itself (no user) holds all. */
    boolean has(Permission permission);

    boolean has(Role role, Permission permission);

    /** Every role with the permissions it holds. */
    Map<Role, Set<Permission>> matrix();

    /**
     * Sets what a role may do, audited with the before and after. The administrator role always keeps
     * {@link Permission#USER_ADMIN}, so that nobody can lock the administrators out. The matrix is the whole
     * installation's: only administrators not bound to a region (and the system itself) may change it.
     *
     * @throws org.fangpin.common.problem.ApiException 403 for a caller bound to a region
     * @throws org.fangpin.common.problem.ApiException 409 when the change would remove that
     */
    void set(Role role, Set<Permission> permissions);
}
