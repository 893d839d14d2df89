/**
 * Normalization core: plain Java, no Spring, safe for the ingest hot path (no regex on the common path, no exceptions
 * for valid input).
 *
 * <ul>
 *   <li>Identifiers return an {@link org.creditpipeline.normalize.IdCheck}: {@link org.creditpipeline.normalize.Uscc}
 *       统一社会信用代码, {@link org.creditpipeline.normalize.ResidentId} 公民身份号码,
 *       {@link org.creditpipeline.normalize.OrgCode} 组织机构代码, {@link org.creditpipeline.normalize.RegistrationNumber}
 *       工商注册号. MASKED values are unverifiable, not invalid.</li>
 *   <li>{@link org.creditpipeline.normalize.Dates} date cells; {@link org.creditpipeline.normalize.Text} display text
 *       and comparison keys; {@link org.creditpipeline.normalize.DocumentNumbers} 文号 / 案号 keys.</li>
 *   <li>{@link org.creditpipeline.normalize.RegionCodes} (shape only) and {@link org.creditpipeline.normalize.RegionTable}
 *       (operator-supplied GB/T 2260 行政区划代码 list).</li>
 *   <li>{@link org.creditpipeline.normalize.ChineseScript} 繁体 → 简体, character level, for keys only.</li>
 * </ul>
 *
 * See DOMAIN.md §5 (案号/文号), §6 (identifier algorithms), §7 (GB/T 2260), §10 (normalisation pitfalls).
 */
package org.creditpipeline.normalize;
