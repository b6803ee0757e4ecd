package azure

import "time"

// Order - An order.
type Order struct {
	ID       *string
	Quantity *int32
	SKU      *string
}

// OrderPatch - The changes to an order.
type OrderPatch struct {
	Quantity *int32
}

// OrdersClientSubmitOptions contains the optional parameters for the OrdersClient.Submit method.
type OrdersClientSubmitOptions struct {
	// placeholder for future optional parameters
}

// OrdersClientPlaceOptions contains the optional parameters for the OrdersClient.Place method.
type OrdersClientPlaceOptions struct {
	// Specifies the date and time at which the request was first created.
	RepeatabilityFirstSent *time.Time

	// An opaque, globally-unique, client-generated string identifier for the request.
	RepeatabilityRequestID *string
}

// OrdersClientGetOptions contains the optional parameters for the OrdersClient.Get method.
type OrdersClientGetOptions struct {
	// placeholder for future optional parameters
}

// OrdersClientReplaceOptions contains the optional parameters for the OrdersClient.Replace method.
type OrdersClientReplaceOptions struct {
	// placeholder for future optional parameters
}

// OrdersClientUpdateOptions contains the optional parameters for the OrdersClient.Update method.
type OrdersClientUpdateOptions struct {
	// placeholder for future optional parameters
}

// OrdersClientSubmitResponse contains the response from method OrdersClient.Submit.
type OrdersClientSubmitResponse struct {
	Order
}

// OrdersClientPlaceResponse contains the response from method OrdersClient.Place.
type OrdersClientPlaceResponse struct {
	Order
	// RepeatabilityResult contains the information returned from the Repeatability-Result header response.
	RepeatabilityResult *string
}

// OrdersClientGetResponse contains the response from method OrdersClient.Get.
type OrdersClientGetResponse struct {
	Order
}

// OrdersClientReplaceResponse contains the response from method OrdersClient.Replace.
type OrdersClientReplaceResponse struct {
	Order
}

// OrdersClientUpdateResponse contains the response from method OrdersClient.Update.
type OrdersClientUpdateResponse struct {
	Order
}
