package org.smoothplayer.app.manifest;

/**
 * One {@code <Attribute Name=".." Value=".."/>} of a {@code CustomAttributes} element.
 *
 * @param name the Name attribute
 * @param value the Value attribute (empty when absent)
 */
public record CustomAttribute(String name, String value) {}
