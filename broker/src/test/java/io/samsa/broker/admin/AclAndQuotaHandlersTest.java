package io.samsa.broker.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.samsa.protocol.ErrorCode;
import io.samsa.protocol.message.AlterClientQuotasRequest;
import io.samsa.protocol.message.AlterClientQuotasResponse;
import io.samsa.protocol.message.CreateAclsRequest;
import io.samsa.protocol.message.CreateAclsResponse;
import io.samsa.protocol.message.DeleteAclsRequest;
import io.samsa.protocol.message.DeleteAclsResponse;
import io.samsa.protocol.message.DescribeAclsRequest;
import io.samsa.protocol.message.DescribeAclsResponse;
import io.samsa.protocol.message.DescribeClientQuotasRequest;
import io.samsa.protocol.message.DescribeClientQuotasRequest.ComponentData;
import io.samsa.protocol.message.DescribeClientQuotasResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class AclAndQuotaHandlersTest {
    @Test
    void aclApisAnswerSecurityDisabledPerItem() {
        DescribeAclsResponse described = new DescribeAclsHandler().handle(new DescribeAclsRequest(), (short) 3);
        assertEquals(ErrorCode.SECURITY_DISABLED.code(), described.errorCode());
        assertEquals("No Authorizer is configured on the broker", described.errorMessage());
        assertTrue(described.resources().isEmpty());

        CreateAclsResponse created = new CreateAclsHandler().handle(new CreateAclsRequest().setCreations(List.of(
                new CreateAclsRequest.AclCreation(), new CreateAclsRequest.AclCreation())), (short) 3);
        assertEquals(2, created.results().size());
        created.results().forEach(result -> {
            assertEquals(ErrorCode.SECURITY_DISABLED.code(), result.errorCode());
            assertEquals("No Authorizer is configured.", result.errorMessage());
        });

        DeleteAclsResponse deleted = new DeleteAclsHandler().handle(new DeleteAclsRequest().setFilters(List.of(
                new DeleteAclsRequest.DeleteAclsFilter())), (short) 3);
        assertEquals(1, deleted.filterResults().size());
        assertEquals(ErrorCode.SECURITY_DISABLED.code(), deleted.filterResults().get(0).errorCode());
        assertEquals("No Authorizer is configured.", deleted.filterResults().get(0).errorMessage());
        assertTrue(deleted.filterResults().get(0).matchingAcls().isEmpty());
    }

    @Test
    void describeClientQuotasIsEmptyForAValidFilterAndInvalidRequestForAMalformedOne() {
        DescribeClientQuotasHandler handler = new DescribeClientQuotasHandler();
        DescribeClientQuotasResponse all = handler.handle(new DescribeClientQuotasRequest(), (short) 1);
        assertEquals(ErrorCode.NONE.code(), all.errorCode());
        assertTrue(all.entries().isEmpty());

        List<ComponentData> malformed = List.of(
                new ComponentData().setEntityType("user").setMatchType((byte) 9),
                new ComponentData().setEntityType("user").setMatchType((byte) 0).setMatch(null),
                new ComponentData().setEntityType("user").setMatchType((byte) 1).setMatch("x"),
                new ComponentData().setEntityType("topic").setMatchType((byte) 2).setMatch(null));
        for (ComponentData component : malformed) {
            DescribeClientQuotasResponse bad = handler.handle(new DescribeClientQuotasRequest().setComponents(List.of(component)), (short) 1);
            assertEquals(ErrorCode.INVALID_REQUEST.code(), bad.errorCode(), component.toString());
            assertNull(bad.entries());
        }
        ComponentData user = new ComponentData().setEntityType("user").setMatchType((byte) 2).setMatch(null);
        assertEquals(ErrorCode.INVALID_REQUEST.code(), handler.handle(
                new DescribeClientQuotasRequest().setComponents(List.of(user, user)), (short) 1).errorCode());
    }

    @Test
    void alterClientQuotasRefusesEveryEntryNamingItsEntity() {
        AlterClientQuotasResponse response = new AlterClientQuotasHandler().handle(new AlterClientQuotasRequest()
                .setValidateOnly(true).setEntries(List.of(new AlterClientQuotasRequest.EntryData().setEntity(List.of(
                        new AlterClientQuotasRequest.EntityData().setEntityType("client-id").setEntityName(null))))), (short) 1);
        assertEquals(1, response.entries().size());
        assertEquals(ErrorCode.INVALID_REQUEST.code(), response.entries().get(0).errorCode());
        assertEquals("client-id", response.entries().get(0).entity().get(0).entityType());
        assertNull(response.entries().get(0).entity().get(0).entityName());
    }
}
