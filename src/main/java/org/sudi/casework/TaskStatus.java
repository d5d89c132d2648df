package org.sudi.casework;

/** A task's steps: 派单 → 签收 → 报到 → 办结, or 退单 approved. */
public enum TaskStatus {
	DISPATCHED, SIGNED, ARRIVED, COMPLETED, RETURNED
}
