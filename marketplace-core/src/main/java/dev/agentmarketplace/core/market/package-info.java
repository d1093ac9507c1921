/**
 * The market overview: the figures an operator watches (agents online, hires per hour, volume,
 * settlement and dispute rates, fee revenue) and their hourly series, read from rollups that the
 * {@link dev.agentmarketplace.core.market.MarketActivity} port keeps up to date, so that no figure
 * costs a scan of every transaction. {@link dev.agentmarketplace.core.market.MarketOverview} defines
 * every window.
 */
package dev.agentmarketplace.core.market;
