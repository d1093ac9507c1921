/**
 * Discovery: start at {@link dev.agentmarketplace.core.discovery.AgentDiscovery} (search,
 * recommend, select, analytics). Searching goes through the {@link
 * dev.agentmarketplace.core.discovery.AgentSearch} port so a database answers it with indexes;
 * round-robin turns go through {@link dev.agentmarketplace.core.discovery.SelectionStateStore} so
 * every replica shares them. The rank of a recommendation is documented on {@link
 * dev.agentmarketplace.core.discovery.Recommendation}.
 */
package dev.agentmarketplace.core.discovery;
