package dev.agentmarketplace.dashboard.registry;

import dev.agentmarketplace.core.registry.Agent;
import dev.agentmarketplace.core.registry.Availability;

/** One line of the agent table: the agent and its availability now (OFFLINE once its lease lapsed). */
public record AgentRow(Agent agent, Availability availability) {}
