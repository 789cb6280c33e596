package org.domainchat.pep;

import org.dom4j.Element;

/**
 * One item of a personal eventing (XEP-0163) node.
 *
 * @param id      the item id
 * @param payload the item's one child element, or null (a retraction, or a node that keeps no payloads)
 */
public record PepItem(String id, Element payload) {
}
