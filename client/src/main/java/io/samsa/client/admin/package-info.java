/** The admin client's configuration; the admin API comes with its engine. */
package io.samsa.client.admin;
