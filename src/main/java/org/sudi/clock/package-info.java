/**
 * The clock (限时办理): watches every timed step's deadline, warns at the yellow mark, declares
 * overdue at the deadline (with an automatic supervision 督办), marks tasks long overdue for
 * accountability, ends unanswered evaluation windows, and keeps the supervisions issued by the
 * command centre and leaders. Timers are rows in PostgreSQL, swept under row locks, so they survive
 * restarts and fire once across any number of nodes.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Clock")
package org.sudi.clock;
