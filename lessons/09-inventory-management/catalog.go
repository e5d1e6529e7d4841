package main

import "fmt"

// Item is one product in the inventory, as the API shows it.
type Item struct {
	ID       int64   `json:"id"`
	Name     string  `json:"name"`
	Category string  `json:"category"`
	Price    float64 `json:"price"` // in dollars, always whole cents
	Quantity int     `json:"quantity"`
}

// categories are the five categories, in the order ids cycle through them.
var categories = []string{"Electronics", "Books", "Clothing", "Home", "Toys"}

// products names a few things of each category.
var products = map[string][]string{
	"Electronics": {"Headphones", "Keyboard", "Monitor", "Charger", "Speaker"},
	"Books":       {"Novel", "Cookbook", "Atlas", "Poetry Collection", "Field Guide"},
	"Clothing":    {"T-Shirt", "Jacket", "Scarf", "Sneakers", "Hat"},
	"Home":        {"Lamp", "Kettle", "Blanket", "Vase", "Chair"},
	"Toys":        {"Puzzle", "Kite", "Robot", "Board Game", "Yo-Yo"},
}

// NewCatalog returns the fixed catalogue: 250 items, ids 1 to 250, the
// categories taking turns so that each has 50. Every field is computed
// from the id, so every run and every test sees the same items.
func NewCatalog() []Item {
	items := make([]Item, 250)
	for i := range items {
		id := i + 1
		category := categories[i%len(categories)]
		names := products[category]
		items[i] = Item{
			ID:       int64(id),
			Name:     fmt.Sprintf("%s #%d", names[(i/len(categories))%len(names)], id),
			Category: category,
			Price:    float64(499+(id*1237)%19500) / 100,
			Quantity: (id * 37) % 101,
		}
	}
	return items
}
