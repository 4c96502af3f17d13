/**
 * Shared kernel: problem documents (RFC 9457), localisation, and the tabular import plumbing (charset sniffing,
 * CSV/XLSX streaming, COPY writing, per-row reports) used by every feature that imports files; small JDBC column reads ({@code jdbc.Rows}).
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.fangpin.common;
