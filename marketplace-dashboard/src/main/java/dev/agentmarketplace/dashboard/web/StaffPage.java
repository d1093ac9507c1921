package dev.agentmarketplace.dashboard.web;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a dashboard page resource: {@link DashboardGuard} sends anonymous visitors to sign in,
 * refuses anyone without a staff role, checks the CSRF token of every state-changing request and
 * the role an {@link OperatorAction} or {@link AdminAction} needs.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface StaffPage {}
