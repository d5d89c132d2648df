package org.sudi.casework;

/** The three kinds of case: 民生, 执法 (镇街吹哨), 发展 (企业诉求, green channel). */
public enum CaseType {
	LIVELIHOOD, ENFORCEMENT, DEVELOPMENT
}
