/** Command line (picocli): serve, import, export, demo, bench — one jar. */
@org.springframework.modulith.ApplicationModule(displayName = "Command line")
package org.fangpin.cli;
