/**
 * The database: the embedded PostgreSQL started when no URL is configured (durable, SCRAM over loopback), backup
 * and restore. API: {@link org.fangpin.database.DatabaseOnly} (the database alone, for tools), {@link
 * org.fangpin.database.DatabaseBackup}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Database")
package org.fangpin.database;
