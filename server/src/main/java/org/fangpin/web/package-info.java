/** Shared web pages: login, the dashboard with region drill-down, imports; layout and assets live in resources. */
@org.springframework.modulith.ApplicationModule(displayName = "Web pages")
package org.fangpin.web;
